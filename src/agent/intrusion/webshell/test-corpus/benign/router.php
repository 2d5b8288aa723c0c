<?php
declare(strict_types=1);

require __DIR__ . '/../vendor/autoload.php';

$routes = [
    'GET /' => [HomeController::class, 'index'],
    'GET /posts' => [PostController::class, 'list'],
    'POST /posts' => [PostController::class, 'create'],
];

$path = parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH) ?: '/';
$key = $_SERVER['REQUEST_METHOD'] . ' ' . rtrim($path, '/') ?: '/';

if (!isset($routes[$key])) {
    http_response_code(404);
    echo 'Not found';
    return;
}

[$class, $method] = $routes[$key];
$controller = new $class();
echo call_user_func_array([$controller, $method], [$_GET, $_POST]);
