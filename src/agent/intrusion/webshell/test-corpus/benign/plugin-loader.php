<?php
/**
 * Loads active plugins; each plugin file registers its hooks when included.
 */
$active = json_decode(get_option('active_plugins', '[]'), true) ?: [];
foreach ($active as $plugin) {
    $file = realpath(WP_PLUGIN_DIR . '/' . $plugin);
    if ($file === false || strpos($file, WP_PLUGIN_DIR) !== 0) {
        continue;
    }
    include_once $file;
}
$callbacks = array_filter($GLOBALS['plugin_init'] ?? [], 'is_callable');
array_walk($callbacks, function (callable $cb) { $cb(); });
// Backwards compatibility: the old API passed the request array.
do_action('plugins_loaded', $_GET);
