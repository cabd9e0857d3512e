/// Shortcodes of common plugins and themes, known by name: WordPress parses them even written bare (`[products]`,
/// `[wpforms]`), where an unknown bracketed word is text (a Markdown-style reference label, `[1]`, `[sic]`).
enum PluginShortcodes {
    /// Names registered by widely used plugins; plain English words are left out, as they are more often text.
    static let names: Set<String> = [
        "contact-form-7", "contact-form", "gravityform", "gravityforms", "wpforms", "ninja_form", "ninja_forms",
        "formidable", "caldera_form", "mc4wp_form", "fluentform", "forminator_form", "mailpoet_form",
        "product", "products", "product_page", "product_category", "product_categories", "add_to_cart",
        "add_to_cart_url", "recent_products", "featured_products", "sale_products", "best_selling_products",
        "top_rated_products", "shop_messages",
        "rev_slider", "layerslider", "metaslider", "smartslider3", "soliloquy", "envira-gallery", "foogallery",
        "nggallery", "ngg_images", "imagebrowser", "slideshow", "tablepress", "wpdatatable",
        "instagram-feed", "custom-twitter-feeds", "tribe_events", "purchase_link", "edd_downloads",
        "wpdm_package", "display-posts", "pdf-embedder", "pdfjs-viewer", "embeddoc", "googleapps",
        "addtoany", "ez-toc", "one_half", "one_third", "two_third", "one_fourth", "three_fourth", "one_half_last",
        "one_third_last", "two_third_last", "one_fourth_last", "three_fourth_last",
        "polldaddy", "crowdsignal", "scribd", "wufoo", "bandcamp", "spotify", "twitter-timeline", "gist",
        "googledocs", "sketchfab", "kickstarter", "mixcloud", "ustream", "issuu", "powerpress", "recipe",
    ]

    /// Prefixes page builders and shortcode packs give all their names: `[vc_row]`, `[su_box]`, `[et_pb_section]`.
    static let prefixes = [
        "su_", "vc_", "et_pb_", "fusion_", "av_", "wpb_", "ux_", "mk_", "elementor-", "woocommerce_", "wpv-", "bbp-",
        "wpcf7", "ult_", "kc_", "thrive_", "tcb-", "mc4wp_", "wprm-", "edd_", "ngg_", "tribe_",
    ]

    /// Whether `name` (lowercased) is a known plugin's shortcode.
    static func isKnown(_ name: String) -> Bool {
        names.contains(name) || prefixes.contains { name.hasPrefix($0) }
    }
}
