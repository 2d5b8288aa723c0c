<?php
$pdo = new PDO('mysql:host=localhost;dbname=shop;charset=utf8mb4', 'shop', getenv('DB_PASSWORD'), [
    PDO::ATTR_ERRMODE => PDO::ERRMODE_EXCEPTION,
]);
$stmt = $pdo->prepare('SELECT id, name, price, description FROM products WHERE id = :id');
$stmt->execute(['id' => (int) ($_GET['id'] ?? 0)]);
$product = $stmt->fetch(PDO::FETCH_ASSOC);
if (!$product) {
    http_response_code(404);
    exit('No such product');
}
?>
<h1><?= htmlspecialchars($product['name']) ?></h1>
<p class="price"><?= number_format((float) $product['price'], 2) ?> EUR</p>
<div><?= nl2br(htmlspecialchars($product['description'])) ?></div>
