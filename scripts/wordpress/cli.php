<?php
/**
 * Drives a throwaway WordPress through its own PHP API, for
 * scripts/wordpress-env.mjs (the end-to-end tests and `make wordpress-demo`).
 *
 *   php cli.php WP_DIR install URL          install, users, permalinks, plugin
 *   php cli.php WP_DIR post USER < JSON     publish {title, content} as USER
 *   php cli.php WP_DIR plugin on|off        (de)activate the Letter Widget plugin
 *
 * Posts are written as the given user with WordPress's filters in force, so
 * kses treats an author's post exactly as when the author saves it in wp-admin.
 * Every command prints one JSON object.
 */

if ( PHP_SAPI !== 'cli' ) {
	exit( 1 );
}
list( , $wp_dir, $command ) = $argv;
$args = array_slice( $argv, 3 );
$url  = getenv( 'LW_WP_URL' );

// WordPress reads the request; a CLI run has none.
$host                      = parse_url( $url, PHP_URL_HOST ) . ':' . parse_url( $url, PHP_URL_PORT );
$_SERVER['HTTP_HOST']      = $host;
$_SERVER['SERVER_NAME']    = parse_url( $url, PHP_URL_HOST );
$_SERVER['SERVER_PORT']    = parse_url( $url, PHP_URL_PORT );
$_SERVER['REQUEST_URI']    = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';

if ( 'install' === $command ) {
	define( 'WP_INSTALLING', true );
}
require $wp_dir . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

function out( $data ) {
	echo json_encode( $data, JSON_UNESCAPED_SLASHES ), "\n";
}

switch ( $command ) {
	case 'install':
		if ( is_blog_installed() ) {
			out( array( 'installed' => 'already' ) );
			break;
		}
		$result = wp_install( 'Letter Widget test blog', 'admin', 'admin@example.org', false, '', 'admin-password-1' );
		wp_insert_user(
			array(
				'user_login' => 'ada',
				'user_pass'  => 'author-password-1',
				'user_email' => 'ada@example.org',
				'role'       => 'author',
			)
		);
		global $wp_rewrite;
		$wp_rewrite->set_permalink_structure( '/%year%/%monthnum%/%postname%/' );
		flush_rewrite_rules();
		$activated = activate_plugin( 'letter-widget/letter-widget.php' );
		out(
			array(
				'installed' => true,
				'user_id'   => $result['user_id'],
				'plugin'    => is_wp_error( $activated ) ? $activated->get_error_message() : 'active',
				'theme'     => get_stylesheet(),
			)
		);
		break;

	case 'post':
		$user = get_user_by( 'login', $args[0] );
		wp_set_current_user( $user->ID ); // Runs kses_init: filters for roles without unfiltered_html.
		$post = json_decode( stream_get_contents( STDIN ), true );
		$id   = wp_insert_post(
			wp_slash(
				array(
					'post_title'   => $post['title'],
					'post_content' => $post['content'],
					'post_status'  => 'publish',
				)
			),
			true
		);
		if ( is_wp_error( $id ) ) {
			out( array( 'error' => $id->get_error_message() ) );
			exit( 1 );
		}
		out(
			array(
				'id'              => $id,
				'url'             => get_permalink( $id ),
				'saved'           => get_post( $id )->post_content,
				'role'            => $user->roles[0],
				'unfiltered_html' => current_user_can( 'unfiltered_html' ),
			)
		);
		break;

	case 'plugin':
		$plugin = 'letter-widget/letter-widget.php';
		if ( 'off' === $args[0] ) {
			deactivate_plugins( $plugin );
		} else {
			$activated = activate_plugin( $plugin );
			if ( is_wp_error( $activated ) ) {
				out( array( 'error' => $activated->get_error_message() ) );
				exit( 1 );
			}
		}
		out( array( 'active' => is_plugin_active( $plugin ) ) );
		break;

	default:
		fwrite( STDERR, "unknown command $command\n" );
		exit( 2 );
}
