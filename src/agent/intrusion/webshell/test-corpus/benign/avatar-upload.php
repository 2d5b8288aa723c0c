<?php
/**
 * Avatar upload: images only, stored under a random name outside the web root.
 */
const MAX_BYTES = 2 * 1024 * 1024;
const ALLOWED = ['image/png' => 'png', 'image/jpeg' => 'jpg', 'image/gif' => 'gif'];

function fail(string $message): never {
    http_response_code(400);
    echo json_encode(['error' => $message]);
    exit;
}

if (!isset($_FILES['avatar']) || $_FILES['avatar']['error'] !== UPLOAD_ERR_OK) {
    fail('No file was uploaded.');
}
if ($_FILES['avatar']['size'] > MAX_BYTES) {
    fail('The file is too large.');
}
$finfo = new finfo(FILEINFO_MIME_TYPE);
$mime = $finfo->file($_FILES['avatar']['tmp_name']);
if (!isset(ALLOWED[$mime])) {
    fail('Only PNG, JPEG and GIF images are accepted.');
}
$name = bin2hex(random_bytes(16)) . '.' . ALLOWED[$mime];
$target = '/var/lib/app/avatars/' . $name;
if (!move_uploaded_file($_FILES['avatar']['tmp_name'], $target)) {
    fail('The file could not be stored.');
}
echo json_encode(['avatar' => $name]);
