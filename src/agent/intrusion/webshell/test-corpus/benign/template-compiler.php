<?php
/**
 * Minimal template engine: compiles {{ var }} to PHP and evaluates the compiled template.
 */
class Template
{
    private array $vars = [];

    public function __construct(private string $file) {}

    public function assign(string $name, mixed $value): void
    {
        $this->vars[$name] = $value;
    }

    public function render(): string
    {
        $source = file_get_contents($this->file);
        $compiled = preg_replace('/\{\{\s*(\w+)\s*\}\}/', '<?= htmlspecialchars($$1) ?>', $source);
        extract($this->vars, EXTR_SKIP);
        ob_start();
        eval('?>' . $compiled);
        return ob_get_clean();
    }
}
