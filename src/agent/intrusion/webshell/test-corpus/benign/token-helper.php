<?php
namespace App\Auth;

final class SignedToken
{
    public function __construct(private string $key) {}

    public function issue(array $claims, int $ttl = 3600): string
    {
        $claims['exp'] = time() + $ttl;
        $payload = rtrim(strtr(base64_encode(json_encode($claims)), '+/', '-_'), '=');
        $mac = hash_hmac('sha256', $payload, $this->key);
        return $payload . '.' . $mac;
    }

    public function verify(string $token): ?array
    {
        [$payload, $mac] = explode('.', $token, 2) + [null, null];
        if ($payload === null || !hash_equals(hash_hmac('sha256', $payload, $this->key), (string) $mac)) {
            return null;
        }
        $claims = json_decode(base64_decode(strtr($payload, '-_', '+/')), true);
        return is_array($claims) && $claims['exp'] > time() ? $claims : null;
    }
}
