<?php
/**
 * A small event hook registry (WordPress WP_Hook-like).
 */
final class Hooks
{
    /** @var array<string, array<int, callable[]>> */
    private array $callbacks = [];

    public function add(string $tag, callable $callback, int $priority = 10): void
    {
        $this->callbacks[$tag][$priority][] = $callback;
        ksort($this->callbacks[$tag]);
    }

    public function apply(string $tag, mixed $value, mixed ...$args): mixed
    {
        foreach ($this->callbacks[$tag] ?? [] as $callbacks) {
            foreach ($callbacks as $callback) {
                $value = call_user_func_array($callback, array_merge([$value], $args));
            }
        }
        return $value;
    }
}

$hooks = new Hooks();
$hooks->add('the_title', 'trim');
$hooks->add('the_title', 'ucfirst', 20);
$titles = array_map(fn ($t) => $hooks->apply('the_title', $t), ['  hello world', 'second post ']);
usort($titles, 'strcmp');
