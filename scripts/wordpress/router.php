<?php
/**
 * Router for PHP's built-in server in front of a WordPress folder: files are
 * served as they are (WebAssembly with its proper type), PHP files run, and
 * every other path goes to index.php, as Apache's rewrite rules would send it.
 */
$root = $_SERVER['DOCUMENT_ROOT'];
$path = rawurldecode( parse_url( $_SERVER['REQUEST_URI'], PHP_URL_PATH ) );
$file = realpath( $root . $path );

if ( $file && is_dir( $file ) && is_file( $file . '/index.php' ) ) {
	if ( substr( $path, -1 ) !== '/' ) {
		header( 'Location: ' . $path . '/', true, 301 );
		return true;
	}
	$file .= '/index.php';
}
if ( $file && is_file( $file ) ) {
	if ( substr( $file, -4 ) === '.php' ) {
		$_SERVER['SCRIPT_NAME']     = substr( $file, strlen( realpath( $root ) ) );
		$_SERVER['SCRIPT_FILENAME'] = $file;
		$_SERVER['PHP_SELF']        = $_SERVER['SCRIPT_NAME'];
		chdir( dirname( $file ) );
		require $file;
		return true;
	}
	if ( substr( $file, -5 ) === '.wasm' ) {
		header( 'Content-Type: application/wasm' );
		header( 'Content-Length: ' . filesize( $file ) );
		readfile( $file );
		return true;
	}
	return false; // The built-in server sends the file.
}
$_SERVER['SCRIPT_NAME']     = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $root . '/index.php';
$_SERVER['PHP_SELF']        = '/index.php';
chdir( $root );
require $root . '/index.php';
