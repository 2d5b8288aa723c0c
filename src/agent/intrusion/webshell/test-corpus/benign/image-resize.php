<?php
/**
 * Creates thumbnails with ImageMagick for files already validated by the upload handler.
 */
function make_thumbnail(string $source, string $target, int $width = 320): bool
{
    $cmd = sprintf(
        'convert %s -resize %dx -strip %s',
        escapeshellarg($source),
        $width,
        escapeshellarg($target)
    );
    exec($cmd, $output, $status);
    return $status === 0;
}

$id = (int) ($_GET['id'] ?? 0);
$file = "/var/lib/app/uploads/{$id}.jpg";
if ($id > 0 && is_file($file)) {
    make_thumbnail($file, "/var/lib/app/thumbs/{$id}.jpg");
}
