<?php
function slugify(string $text): string
{
    $text = preg_replace('~[^\pL\d]+~u', '-', $text);
    $text = iconv('utf-8', 'us-ascii//TRANSLIT', $text);
    $text = preg_replace('/[^-\w]+/i', '', $text);
    $text = trim($text, '-');
    $text = preg_replace('/-+/', '-', $text);
    return strtolower($text) ?: 'n-a';
}

function highlight(string $text, string $term): string
{
    return preg_replace_callback('/' . preg_quote($term, '/') . '/iu', fn ($m) => '<mark>' . $m[0] . '</mark>', $text);
}

function strip_emails(string $text): string
{
    return preg_replace('/[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]{2,}/i', '[email]', $text);
}
