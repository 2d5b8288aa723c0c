<?php
declare(strict_types=1);

$errors = [];
$sent = false;

if ($_SERVER['REQUEST_METHOD'] === 'POST') {
    $name = trim($_POST['name'] ?? '');
    $email = filter_var($_POST['email'] ?? '', FILTER_VALIDATE_EMAIL);
    $message = trim($_POST['message'] ?? '');

    if ($name === '') {
        $errors[] = 'Please enter your name.';
    }
    if ($email === false) {
        $errors[] = 'Please enter a valid email address.';
    }
    if (mb_strlen($message) < 10) {
        $errors[] = 'Your message is too short.';
    }
    if (!hash_equals($_SESSION['csrf'] ?? '', $_POST['csrf'] ?? '')) {
        $errors[] = 'Your session expired, please try again.';
    }

    if (!$errors) {
        $body = sprintf("From: %s <%s>\n\n%s", $name, $email, $message);
        $sent = mail('info@example.com', 'Contact form', $body, ['Reply-To' => $email]);
    }
}
?>
<!doctype html>
<html lang="en">
<body>
<?php if ($sent): ?>
  <p>Thank you, <?= htmlspecialchars($name, ENT_QUOTES) ?>. We will be in touch.</p>
<?php else: ?>
  <?php foreach ($errors as $e): ?><p class="error"><?= htmlspecialchars($e) ?></p><?php endforeach; ?>
  <form method="post">
    <input name="name" value="<?= htmlspecialchars($_POST['name'] ?? '', ENT_QUOTES) ?>">
    <input name="email" type="email">
    <textarea name="message"></textarea>
    <input type="hidden" name="csrf" value="<?= htmlspecialchars($_SESSION['csrf'] ?? '') ?>">
    <button>Send</button>
  </form>
<?php endif; ?>
</body>
</html>
