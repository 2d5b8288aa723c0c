<?php
/**
 * Login form handler (WordPress-like).
 */
require __DIR__ . '/wp-load.php';

$action = isset( $_REQUEST['action'] ) ? sanitize_key( $_REQUEST['action'] ) : 'login';
$errors = new WP_Error();

if ( 'POST' === $_SERVER['REQUEST_METHOD'] && 'login' === $action ) {
	$credentials = array(
		'user_login'    => isset( $_POST['log'] ) ? sanitize_user( wp_unslash( $_POST['log'] ) ) : '',
		'user_password' => isset( $_POST['pwd'] ) ? $_POST['pwd'] : '',
		'remember'      => ! empty( $_POST['rememberme'] ),
	);
	$user = wp_signon( $credentials, is_ssl() );
	if ( is_wp_error( $user ) ) {
		$errors = $user;
	} else {
		$redirect_to = isset( $_REQUEST['redirect_to'] ) ? wp_sanitize_redirect( $_REQUEST['redirect_to'] ) : admin_url();
		wp_safe_redirect( $redirect_to );
		exit;
	}
}

login_header( __( 'Log In' ), '', $errors );
?>
<form name="loginform" id="loginform" action="<?php echo esc_url( site_url( 'wp-login.php', 'login_post' ) ); ?>" method="post">
	<p><label for="user_login"><?php _e( 'Username or Email Address' ); ?></label>
	<input type="text" name="log" id="user_login" value="<?php echo esc_attr( $credentials['user_login'] ?? '' ); ?>" size="20" /></p>
	<p><label for="user_pass"><?php _e( 'Password' ); ?></label>
	<input type="password" name="pwd" id="user_pass" value="" size="20" /></p>
	<p class="submit"><input type="submit" name="wp-submit" id="wp-submit" class="button button-primary" value="<?php esc_attr_e( 'Log In' ); ?>" /></p>
</form>
<?php
login_footer( 'user_login' );
