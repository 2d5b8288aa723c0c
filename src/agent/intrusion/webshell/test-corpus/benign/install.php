<?php
/** First-run installer: writes config.php from the submitted form. */
if (file_exists(__DIR__ . '/config.php')) {
    exit('Already installed.');
}
if ($_SERVER['REQUEST_METHOD'] === 'POST') {
    $config = [
        'db_host' => $_POST['db_host'] ?? 'localhost',
        'db_name' => $_POST['db_name'] ?? 'app',
        'db_user' => $_POST['db_user'] ?? 'app',
        'db_pass' => $_POST['db_pass'] ?? '',
    ];
    $php = '<?php return ' . var_export($config, true) . ';';
    file_put_contents(__DIR__ . '/config.php', $php, LOCK_EX);
    header('Location: /');
    exit;
}
?>
<form method="post">
  <input name="db_host" placeholder="localhost">
  <input name="db_name"><input name="db_user"><input name="db_pass" type="password">
  <button>Install</button>
</form>
