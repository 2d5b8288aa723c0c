<?php
/**
 * Payment provider webhook: verifies the signature, then records the event.
 */
$payload = file_get_contents('php://input');
$signature = $_SERVER['HTTP_X_SIGNATURE'] ?? '';
$expected = hash_hmac('sha256', $payload, getenv('WEBHOOK_SECRET'));
if (!hash_equals($expected, $signature)) {
    http_response_code(401);
    exit;
}
$event = json_decode($payload, true, 16, JSON_THROW_ON_ERROR);
$pdo = new PDO(getenv('DATABASE_DSN'));
$stmt = $pdo->prepare('INSERT INTO payment_events (id, type, body) VALUES (?, ?, ?)');
$stmt->execute([$event['id'], $event['type'], $payload]);
http_response_code(204);
