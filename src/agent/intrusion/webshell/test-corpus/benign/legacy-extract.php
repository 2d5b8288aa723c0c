<?php
// Legacy guestbook (2009). Kept for the archive pages.
extract($_POST);
$name = isset($name) ? htmlspecialchars($name) : '';
$text = isset($text) ? htmlspecialchars($text) : '';
if ($name !== '' && $text !== '') {
    $fh = fopen(__DIR__ . '/data/guestbook.txt', 'a');
    fwrite($fh, date('Y-m-d') . "\t" . $name . "\t" . str_replace("\n", ' ', $text) . "\n");
    fclose($fh);
}
foreach (file(__DIR__ . '/data/guestbook.txt') as $line) {
    list($date, $who, $what) = explode("\t", rtrim($line));
    echo "<p><b>$who</b> ($date): $what</p>";
}
