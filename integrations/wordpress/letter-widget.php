<?php
/**
 * Plugin Name:       Letter Widget
 * Description:       The [letter_widget] shortcode: a letter in a post that every reader can fill in, edit and send on. Works for every role (authors too), in the classic editor and in a Shortcode block.
 * Version:           0.1.0
 * Requires at least: 5.0
 * Requires PHP:      7.2
 * License:           MIT OR Apache-2.0
 * Text Domain:       letter-widget
 *
 * Usage, in a post:
 *
 *   [letter_widget id="refugees-2026" subject="Please help the refugees" to="office@example.org" max_length="5000"]
 *   Dear Senator {{senator: Senator's last name}},
 *
 *   I am writing to you today ...
 *
 *   Respectfully,
 *   {{name: Your full name}}
 *   [/letter_widget]
 *
 * own_words="off" (or own-words="off") hides the line under the letter that
 * tells readers how much of it is in their own words and invites a sentence
 * of their own; without it the line is shown.
 *
 * Why a shortcode and not the plain <letter-widget> snippet: WordPress rewrites
 * what authors paste. wpautop wraps the element in <p> (the HTML parser then
 * closes it at the first </p>), kses strips it for every role without
 * unfiltered_html, and wptexturize curls quotes and dashes. A shortcode is
 * text to kses, is exempted from wptexturize below, and its output is made
 * after wpautop has run, so it reaches the browser as written.
 *
 * The widget's files are bundled in widget/ (copied from the build by
 * `make wordpress-plugin`) and served from the blog's own origin.
 */

defined( 'ABSPATH' ) || exit;

const LETTER_WIDGET_HANDLE = 'letter-widget';

/**
 * Attributes the shortcode understands, mapped to the element's attributes.
 * Both spellings are accepted, since authors copy them from the HTML snippet.
 */
const LETTER_WIDGET_ATTRIBUTES = array(
	'id'         => 'letter-id',
	'letter_id'  => 'letter-id',
	'letter-id'  => 'letter-id',
	'subject'    => 'subject',
	'to'         => 'to',
	'max_length' => 'max-length',
	'max-length' => 'max-length',
	'lang'       => 'lang',
	'own_words'  => 'own-words',
	'own-words'  => 'own-words',
);

/**
 * Turns the shortcode's content, as WordPress hands it over after wpautop
 * (and, in a Shortcode block, the block's own wpautop), back into the plain
 * letter the author typed: <p> and <br /> become line breaks, other tags go,
 * entities (kses writes & as &amp;) are decoded.
 *
 * @param string $content The shortcode's enclosed content.
 * @return string The letter as plain text, lines separated by "\n".
 */
function letter_widget_letter_text( $content ) {
	$text = str_replace( array( "\r\n", "\r" ), "\n", (string) $content );
	// wpautop writes a line break as "<br />\n".
	$text = preg_replace( '#<br\s*/?>[ \t]*\n?#i', "\n", $text );
	// ... and a blank line as "</p>\n<p>". Unpaired ones sit at the edges,
	// where shortcode_unautop took the outer pair away.
	$text = preg_replace( '#</p>\s*<p(?:\s[^>]*)?>#i', "\n\n", $text );
	$text = preg_replace( '#</?p(?:\s[^>]*)?>#i', "\n\n", $text );
	$text = strip_tags( $text );
	$text = html_entity_decode( $text, ENT_QUOTES | ENT_HTML5, 'UTF-8' );
	// The visual editor keeps runs of spaces as &nbsp;.
	$text = str_replace( "\u{00A0}", ' ', $text );
	// Line by line: the regex /[ \t]+$/m retries every start in a run of
	// spaces, quadratic on a long one (minutes for 80,000 spaces).
	$lines = explode( "\n", $text );
	foreach ( $lines as $i => $line ) {
		$lines[ $i ] = rtrim( $line, " \t" );
	}
	$text = implode( "\n", $lines );
	$text = preg_replace( "/\n{3,}/", "\n\n", $text );
	return trim( $text, "\n" );
}

/**
 * Escapes text for HTML. It also writes as character references, which the
 * browser reads back as the same characters:
 * - ":" and ";" (and "8" before ")", "-" or "O"), because convert_smilies
 *   runs after shortcodes and would turn ":)" or "8)" into an image;
 * - "[" and "]", because a block theme runs do_shortcode once more over the
 *   whole page, which would run a "[gallery]" written in the letter.
 *
 * @param string $text Plain text.
 * @return string HTML text.
 */
function letter_widget_escape( $text ) {
	return strtr(
		$text,
		array(
			'&'  => '&amp;',
			'<'  => '&lt;',
			'>'  => '&gt;',
			'"'  => '&quot;',
			"'"  => '&#039;',
			':'  => '&#058;',
			';'  => '&#059;',
			'['  => '&#091;',
			']'  => '&#093;',
			'8)' => '&#056;)',
			'8-' => '&#056;-',
			'8O' => '&#056;O',
		)
	);
}

/**
 * The URL of a bundled widget file, on the blog's own origin.
 *
 * @param string $file File name inside widget/.
 * @return string
 */
function letter_widget_asset_url( $file ) {
	return plugins_url( 'widget/' . $file, __FILE__ );
}

/**
 * Registers the loader. Its version is a fingerprint of the loader itself,
 * which names the content-hashed files, so a new build reaches readers at once.
 */
function letter_widget_register_script() {
	$loader  = __DIR__ . '/widget/letter-widget.js';
	$version = is_readable( $loader ) ? substr( md5_file( $loader ), 0, 12 ) : false;
	wp_register_script(
		LETTER_WIDGET_HANDLE,
		letter_widget_asset_url( 'letter-widget.js' ),
		array(),
		$version,
		// WordPress 6.3+ reads the strategy; older versions read "in footer".
		array(
			'in_footer' => true,
			'strategy'  => 'defer',
		)
	);
}
add_action( 'wp_enqueue_scripts', 'letter_widget_register_script' );

/**
 * What the build wrote about its files (widget/letter-widget-files.json): the
 * loader's integrity, and the glue and wasm it fetches, with theirs. Null
 * when the file is missing or unreadable.
 *
 * @return array|null
 */
function letter_widget_files() {
	static $files = false;
	if ( false === $files ) {
		$path  = __DIR__ . '/widget/letter-widget-files.json';
		$files = is_readable( $path ) ? json_decode( (string) file_get_contents( $path ), true ) : null;
		if ( ! is_array( $files ) || empty( $files['glue'] ) || empty( $files['wasm'] ) ) {
			$files = null;
		}
	}
	return $files;
}

/**
 * The loader's script tag gets its Subresource Integrity.
 *
 * @param string $tag    The script tag WordPress prints.
 * @param string $handle The script's handle.
 * @return string
 */
function letter_widget_script_integrity( $tag, $handle ) {
	$files = letter_widget_files();
	if ( LETTER_WIDGET_HANDLE !== $handle || ! $files || empty( $files['loader_integrity'] ) ) {
		return $tag;
	}
	return str_replace(
		' src=',
		sprintf( ' integrity="%s" crossorigin="anonymous" src=', esc_attr( $files['loader_integrity'] ) ),
		$tag
	);
}
add_filter( 'script_loader_tag', 'letter_widget_script_integrity', 10, 2 );

/**
 * Preload hints for the glue and the wasm, once per page, ahead of the first
 * letter: the browser fetches them while it reads the post, instead of after
 * the loader in the footer has run. They carry the integrity and credentials
 * mode of the loader's own requests, which then take these copies.
 *
 * @return string HTML, empty after the first call.
 */
function letter_widget_preload_hints() {
	static $done = false;
	$files = letter_widget_files();
	if ( $done || ! $files ) {
		return '';
	}
	$done = true;
	return sprintf(
		'<link rel="modulepreload" href="%s" integrity="%s" crossorigin="anonymous">',
		esc_url( letter_widget_asset_url( $files['glue'] ) ),
		esc_attr( $files['glue_integrity'] )
	) . sprintf(
		'<link rel="preload" href="%s" as="fetch" type="application/wasm" integrity="%s" crossorigin="anonymous">',
		esc_url( letter_widget_asset_url( $files['wasm'] ) ),
		esc_attr( $files['wasm_integrity'] )
	);
}

/**
 * The [letter_widget] shortcode: a <letter-widget> element whose letter sits
 * in a <template> child (which the HTML parser leaves alone), followed by the
 * same letter as escaped, readable text for readers without script. The
 * loader is enqueued once per page, however many letters the page has.
 *
 * @param array|string $atts    Shortcode attributes.
 * @param string|null  $content The letter.
 * @return string HTML.
 */
function letter_widget_shortcode( $atts, $content = null ) {
	$atts   = is_array( $atts ) ? $atts : array();
	$letter = letter_widget_letter_text( (string) $content );

	$attributes = '';
	$seen       = array();
	foreach ( LETTER_WIDGET_ATTRIBUTES as $name => $attribute ) {
		if ( isset( $atts[ $name ] ) && ! isset( $seen[ $attribute ] ) ) {
			$seen[ $attribute ] = true;
			$attributes        .= sprintf( ' %s="%s"', $attribute, esc_attr( trim( $atts[ $name ] ) ) );
		}
	}

	if ( ! wp_script_is( LETTER_WIDGET_HANDLE, 'registered' ) ) {
		letter_widget_register_script();
	}
	wp_enqueue_script( LETTER_WIDGET_HANDLE );

	$html = letter_widget_escape( $letter );
	// display:block is what the widget's own style says once it runs; saying
	// it here too lays the readable text out inside the theme's content
	// column, and keeps the page from jumping when the widget starts.
	return letter_widget_preload_hints()
		. '<letter-widget' . $attributes . ' style="display:block">'
		. '<template>' . $html . '</template>'
		. '<span class="letter-widget-text">' . str_replace( "\n", "<br>\n", $html ) . '</span>'
		. '</letter-widget>';
}
add_shortcode( 'letter_widget', 'letter_widget_shortcode' );

/**
 * Keeps wptexturize out of the letter, so quotes, dashes and "..." stay as
 * the author typed them, and so does the reader's letter. wptexturize runs
 * on the post before shortcodes (this skips the shortcode's content) and, in
 * a block theme, once more over the whole page (this skips the element, which
 * also covers a <letter-widget> pasted into a Custom HTML block).
 *
 * @param string[] $shortcodes Shortcodes whose content is left alone.
 * @return string[]
 */
function letter_widget_no_texturize_shortcodes( $shortcodes ) {
	$shortcodes[] = 'letter_widget';
	return $shortcodes;
}
add_filter( 'no_texturize_shortcodes', 'letter_widget_no_texturize_shortcodes' );

/**
 * See letter_widget_no_texturize_shortcodes().
 *
 * @param string[] $tags Elements whose content is left alone.
 * @return string[]
 */
function letter_widget_no_texturize_tags( $tags ) {
	$tags[] = 'letter-widget';
	return $tags;
}
add_filter( 'no_texturize_tags', 'letter_widget_no_texturize_tags' );
