<?php
/**
 * Invoked by the system crontab every minute: runs the scheduler.
 */
if (PHP_SAPI !== 'cli') {
    http_response_code(403);
    exit;
}
$output = shell_exec('php ' . __DIR__ . '/artisan schedule:run 2>&1');
file_put_contents(__DIR__ . '/storage/logs/cron.log', date('c') . ' ' . $output, FILE_APPEND);
