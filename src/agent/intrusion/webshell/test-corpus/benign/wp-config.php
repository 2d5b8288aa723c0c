<?php
/**
 * The base configuration for WordPress
 *
 * @package WordPress
 */

// ** Database settings - You can get this info from your web host ** //
define( 'DB_NAME', 'wordpress' );
define( 'DB_USER', 'wp_user' );
define( 'DB_PASSWORD', 'change-me' );
define( 'DB_HOST', 'localhost' );
define( 'DB_CHARSET', 'utf8mb4' );
define( 'DB_COLLATE', '' );

/**#@+
 * Authentication unique keys and salts.
 */
define( 'AUTH_KEY', 'pTy,GJ&Mu[H#bEL31IeL(2H-Pc~~[H_[yGcF)Rl1S*P_n)/XN[_+YvM(I-H>a@/&' );
define( 'SECURE_AUTH_KEY', '2o7[6umfX|fK_m^@r5k}JP$1VrT!1F;J)_or?s{@[6ILi8|;IH|n=_/5kx;sC7tV' );
define( 'LOGGED_IN_KEY', '<O@HbkQfyy@KV5z(jR3(j1t/wdTKWTd.dB!]XhkAS1&v<-oQ?$>,:G6/)yyzyN9+' );
define( 'NONCE_KEY', 'zHYIa4UOr{GNA-T&Mu<DJa<wT+gs}u8PO!799nKSNrh9?U%Ca^uS?*D^m=L|h%uV' );
define( 'AUTH_SALT', 'tc&*#q+c<YezdZ%@tDDj8hY?}s5suKcNd8Zra9><A9,s=K.PxZ9W3+qLy7zKUVQD' );
define( 'SECURE_AUTH_SALT', 'T]7,S<{8.sT((QCB,N^R3YbDgbl#e]ph*1QHt6.[%1#Q&T^$C4X}ATWS8>P)Hp/%' );
define( 'LOGGED_IN_SALT', '^)9N)HfYjFM#5)DI4p<#}$Z?j5$&9#f|%h)Z5R1Py4oJ;e2Jb;mPT=.uSgR7cMy!' );
define( 'NONCE_SALT', 'U;cU3$zr1ZtoLuCr(64Cxq%>l$IOdNKhiFXiQ2:hzT&$_@|pLjH?X2JiC+LhK}cI' );

$table_prefix = 'wp_';
define( 'WP_DEBUG', false );

/** Absolute path to the WordPress directory. */
if ( ! defined( 'ABSPATH' ) ) {
	define( 'ABSPATH', __DIR__ . '/' );
}

/** Sets up WordPress vars and included files. */
require_once ABSPATH . 'wp-settings.php';
