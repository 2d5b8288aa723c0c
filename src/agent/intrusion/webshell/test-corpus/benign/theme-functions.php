<?php
/**
 * Theme functions and definitions.
 */
function mytheme_setup() {
	add_theme_support( 'title-tag' );
	add_theme_support( 'post-thumbnails' );
	register_nav_menus( array( 'primary' => __( 'Primary Menu', 'mytheme' ) ) );
}
add_action( 'after_setup_theme', 'mytheme_setup' );

function mytheme_scripts() {
	wp_enqueue_style( 'mytheme-style', get_stylesheet_uri(), array(), '1.2.0' );
	wp_enqueue_script( 'mytheme-nav', get_template_directory_uri() . '/js/navigation.js', array(), '1.2.0', true );
}
add_action( 'wp_enqueue_scripts', 'mytheme_scripts' );

function mytheme_excerpt_more( $more ) {
	return sprintf( ' <a href="%s">%s</a>', esc_url( get_permalink() ), __( 'Read more', 'mytheme' ) );
}
add_filter( 'excerpt_more', 'mytheme_excerpt_more' );

// Old-style widget registration kept for PHP 5 compatibility.
add_action( 'widgets_init', create_function( '', 'return register_widget("Mytheme_Recent_Posts");' ) );
