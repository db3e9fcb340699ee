import CPangoCairo

/// Which font fontconfig really uses for a family name: it silently substitutes a font it cannot
/// find, so a form naming a missing font would print in some other face.
enum InstalledFonts {
    /// The family fontconfig picks for `family`, or nil when it picks none.
    static func resolve(_ family: String) -> String? {
        guard let map = pango_cairo_font_map_new() else { return nil }
        defer { g_object_unref(map) }
        guard let context = pango_font_map_create_context(map) else { return nil }
        defer { g_object_unref(UnsafeMutableRawPointer(context)) }
        let wanted = pango_font_description_new()
        defer { pango_font_description_free(wanted) }
        pango_font_description_set_family(wanted, family)
        pango_font_description_set_size(wanted, 10 * PANGO_SCALE)
        guard let font = pango_font_map_load_font(map, context, wanted) else { return nil }
        defer { g_object_unref(UnsafeMutableRawPointer(font)) }
        let described = pango_font_describe(font)
        defer { pango_font_description_free(described) }
        return pango_font_description_get_family(described).map { String(cString: $0) }
    }

    /// The Debian package of a font family the forms are likely to name.
    static func package(for family: String) -> String {
        switch family.lowercased() {
        case "ipaexmincho": "fonts-ipaexfont-mincho"
        case "ipaexgothic": "fonts-ipaexfont-gothic"
        case let name where name.hasPrefix("noto"): "fonts-noto-cjk"
        default: "the package with font '\(family)'"
        }
    }
}
