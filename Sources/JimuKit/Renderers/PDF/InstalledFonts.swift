import CPangoCairo

/// Which font fontconfig really uses for a family name: it silently substitutes a font it cannot
/// find, so a form naming a missing font would print in some other face.
enum InstalledFonts {
    /// The family names of the font fontconfig picks for `family`, the name in the current
    /// locale's language first (`IPAexゴシック, IPAexGothic` under `LANG=ja_JP.UTF-8`); empty when
    /// it picks none.
    static func families(matching family: String) -> [String] {
        guard let pattern = family.withCString({ FcNameParse(UnsafeRawPointer($0).assumingMemoryBound(to: FcChar8.self)) }) else {
            return []
        }
        defer { FcPatternDestroy(pattern) }
        FcConfigSubstitute(nil, pattern, FcMatchPattern)
        FcDefaultSubstitute(pattern)
        var result = FcResultNoMatch
        guard let match = FcFontMatch(nil, pattern, &result) else { return [] }
        defer { FcPatternDestroy(match) }
        var names: [String] = []
        var value: UnsafeMutablePointer<FcChar8>?
        while FcPatternGetString(match, FC_FAMILY, Int32(names.count), &value) == FcResultMatch, let value {
            names.append(String(cString: value))
        }
        return names
    }

    /// Whether `family` is installed: one of the names of the font fontconfig picks for it, in
    /// any language (a Japanese locale names IPAexGothic 'IPAexゴシック').
    static func isInstalled(_ family: String) -> Bool {
        families(matching: family).contains { $0.lowercased() == family.lowercased() }
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
