import CPangoCairo
import Foundation
import JimuSpec

/// A PDF being drawn with cairo and pango: pages of a form, streamed out as cairo writes them.
///
/// Fonts are embedded as subsets once per file. Text goes through pango (shaping, line breaking
/// with 禁則, font fallback), so everything stays extractable with `pdftotext`.
final class PDFCanvas {
    /// Millimetres to PDF points.
    static let pointsPerMillimetre = 72.0 / 25.4

    private let sink = Sink()
    private let surface: OpaquePointer
    private let pageCR: OpaquePointer
    /// Where drawing goes: the page, or a layer being recorded.
    private var cr: OpaquePointer
    /// The fixed part of each form page, recorded once and painted on every page: the PDF then
    /// holds it once (a form XObject), whatever the number of pages.
    private var layers: [Int: OpaquePointer] = [:]
    private let size: (width: Double, height: Double)
    private var layouts: [Int: OpaquePointer] = [:]
    /// Per form item, the texts laid out before (`Kept`).
    private var kept: [Int: Kept] = [:]
    /// The pango context of the kept layouts (one for the canvas).
    private let context: OpaquePointer
    private var fonts: [String: OpaquePointer] = [:]
    private var finished = false
    private var labels: [Int: Placed] = [:]
    /// Records drawn so far.
    var records = 0

    /// Starts a PDF of pages `width` × `height` mm.
    init(width: Double, height: Double, title: String, created: String) {
        let k = Self.pointsPerMillimetre
        surface = cairo_pdf_surface_create_for_stream(Sink.write, Unmanaged.passUnretained(sink).toOpaque(), width * k, height * k)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Jimu")
        if !created.isEmpty {
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, created)
            cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, created)
        }
        pageCR = cairo_create(surface)
        cr = pageCR
        context = pango_cairo_create_context(pageCR)
        pango_cairo_context_set_resolution(context, 72)
        size = (width * k, height * k)
    }

    deinit {
        for layout in layouts.values { g_object_unref(UnsafeMutableRawPointer(layout)) }
        for item in kept.values { item.release() }
        g_object_unref(UnsafeMutableRawPointer(context))
        for font in fonts.values { pango_font_description_free(font) }
        for layer in layers.values { cairo_surface_destroy(layer) }
        cairo_destroy(pageCR)
        cairo_surface_destroy(surface)
    }

    /// The bytes cairo has written since they were last taken.
    func takeBytes() -> [UInt8] {
        var taken: [UInt8] = []
        swap(&taken, &sink.bytes)
        return taken
    }

    /// Writes the end of the file (fonts, page tree) and checks that cairo had no error.
    /// - Parameter leading: pages drawn last that the file shows first (a cover sheet, drawn once
    ///   its records are known): cairo writes the page tree at the end, so its page list is
    ///   reordered there, in place, keeping every byte offset.
    func finish(leading: Int = 0) throws(RenderError) {
        if !finished {
            finished = true
            cairo_surface_finish(surface)
            let status = cairo_surface_status(surface)
            guard status == CAIRO_STATUS_SUCCESS else {
                throw RenderError("cairo could not write the PDF: \(String(cString: cairo_status_to_string(status)))")
            }
            if leading > 0, !PageTree.moveLastPagesFirst(leading, in: &sink.bytes) {
                throw RenderError("could not put the cover pages first: cairo's page tree was not found at the end of the file")
            }
        }
    }

    /// Paints the fixed layer of form page `index`, recording it with `draw` the first time.
    func paintLayer(_ index: Int, draw: () throws(RenderError) -> Void) throws(RenderError) {
        if layers[index] == nil {
            var extents = cairo_rectangle_t(x: 0, y: 0, width: size.width, height: size.height)
            let layer = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents)!
            let layerCR = cairo_create(layer)!
            cr = layerCR
            defer {
                cr = pageCR
                cairo_destroy(layerCR)
            }
            try draw()
            layers[index] = layer
        }
        cairo_set_source_surface(pageCR, layers[index], 0, 0)
        cairo_paint(pageCR)
        cairo_set_source_rgb(pageCR, 0, 0, 0)
    }

    /// Ends the current page.
    func endPage() {
        cairo_show_page(pageCR)
    }

    // MARK: - Drawing

    /// Strokes (and fills) a rectangle given in mm.
    func rect(x: Double, y: Double, width: Double, height: Double, line: Double, fill: Double?) {
        let k = Self.pointsPerMillimetre
        cairo_rectangle(cr, x * k, y * k, width * k, height * k)
        if let fill {
            cairo_set_source_rgb(cr, fill, fill, fill)
            cairo_fill_preserve(cr)
            cairo_set_source_rgb(cr, 0, 0, 0)
        }
        if line > 0 {
            cairo_set_line_width(cr, line * k)
            cairo_stroke(cr)
        } else {
            cairo_new_path(cr)
        }
    }

    /// Draws a line given in mm.
    func line(x1: Double, y1: Double, x2: Double, y2: Double, width: Double, dash: Bool) {
        let k = Self.pointsPerMillimetre
        cairo_set_line_width(cr, width * k)
        if dash {
            var pattern = [1.5 * k, 1.0 * k]
            cairo_set_dash(cr, &pattern, 2, 0)
        }
        cairo_move_to(cr, x1 * k, y1 * k)
        cairo_line_to(cr, x2 * k, y2 * k)
        cairo_stroke(cr)
        if dash { cairo_set_dash(cr, nil, 0, 0) }
    }

    /// A laid-out text, ready to show.
    struct Placed {
        let layout: OpaquePointer
        let x: Double
        let y: Double
    }

    /// The texts of one form item laid out before, each with its own layout: most of a form's texts
    /// come back page after page (a payee's name, address and bank, a subject), and a kept layout
    /// is shown without shaping its text again, which is most of a page's cost. An item whose texts
    /// seldom come back (an amount, a number) stops keeping them and lays each out in one layout.
    private struct Kept {
        static let most = 256
        var placed: [String: Placed] = [:]
        var found = 0
        var missed = 0
        var off = false

        func release() {
            for entry in placed.values { g_object_unref(UnsafeMutableRawPointer(entry.layout)) }
        }
    }

    /// Lays out `text` for one form item and finds the size at which it fits its box. A text the
    /// item showed before comes back laid out as it was (`Kept`).
    /// - Throws: `RenderError` when it does not fit even at the smallest size, or has characters
    ///   no installed font can print.
    func place(_ text: String, item: Int, style: FormSpec.Text, form: FormSpec) throws(RenderError) -> Placed {
        var memo = kept.removeValue(forKey: item) ?? Kept()
        defer { kept[item] = memo }
        if memo.off { return try place(text, in: layout(for: item), style: style, form: form) }
        if let placed = memo.placed[text] {
            memo.found += 1
            return placed
        }
        memo.missed += 1
        if memo.missed >= 64, memo.missed > 3 * memo.found {
            memo.release()
            memo = Kept(off: true)
            return try place(text, in: layout(for: item), style: style, form: form)
        }
        if memo.placed.count >= Kept.most {
            memo.release()
            memo.placed.removeAll(keepingCapacity: true)
        }
        let layout = pango_layout_new(context)!
        do {
            let placed = try place(text, in: layout, style: style, form: form)
            memo.placed[text] = placed
            return placed
        } catch {
            g_object_unref(UnsafeMutableRawPointer(layout))
            throw error
        }
    }

    /// Lays out `text` in `layout` at the size at which it fits its box.
    private func place(_ text: String, in layout: OpaquePointer, style: FormSpec.Text, form: FormSpec) throws(RenderError) -> Placed {
        let family = style.font ?? form.font
        var size = style.size ?? form.size
        let k = Self.pointsPerMillimetre
        let boxWidth = style.width.map { $0 * k }
        let boxHeight = style.height.map { $0 * k }
        if style.wrap, let boxWidth {
            pango_layout_set_width(layout, Int32(boxWidth * Double(PANGO_SCALE)))
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
            pango_layout_set_alignment(layout, style.align == .right ? PANGO_ALIGN_RIGHT : style.align == .center ? PANGO_ALIGN_CENTER : PANGO_ALIGN_LEFT)
        }
        pango_layout_set_text(layout, text, -1)
        var extent = measure(layout, family: family, size: size)
        if pango_layout_get_unknown_glyphs_count(layout) > 0 {
            throw RenderError("contains a character that no installed font can print")
        }
        func fits(_ extent: (width: Double, height: Double)) -> Bool {
            if style.wrap { return extent.height <= (boxHeight ?? .infinity) + 0.01 }
            return extent.width <= (boxWidth ?? .infinity) + 0.01
        }
        while !fits(extent) {
            guard style.shrink || style.wrap, size > style.minSize else {
                throw RenderError(style.wrap || style.shrink
                    ? "is too long for its box on the form (\(Self.box(style))) even at \(Self.points(style.minSize)) pt; shorten it or enlarge the box"
                    : "is too long for its box on the form (\(Self.box(style))); shorten it, or let the form item 'shrink'")
            }
            if !style.wrap, let boxWidth {
                size = max(style.minSize, min(size - 0.1, (size * boxWidth / extent.width * 10).rounded(.down) / 10))
            } else {
                size = max(style.minSize, ((size * 0.92) * 10).rounded(.down) / 10)
            }
            extent = measure(layout, family: family, size: size)
        }
        var x = style.x * k, y = style.y * k
        if let boxWidth, !style.wrap {
            switch style.align {
            case .left: break
            case .center: x += (boxWidth - extent.width) / 2
            case .right: x += boxWidth - extent.width
            }
        }
        if let boxHeight {
            switch style.valign {
            case .top: break
            case .middle: y += (boxHeight - extent.height) / 2
            case .bottom: y += boxHeight - extent.height
            }
        }
        return Placed(layout: layout, x: x, y: y)
    }

    /// A fixed label, laid out on first use.
    func fixedLabel(_ text: String, item: Int, style: FormSpec.Text, form: FormSpec) throws(RenderError) -> Placed {
        if let placed = labels[item] { return placed }
        let placed = try place(text, in: layout(for: item), style: style, form: form)
        labels[item] = placed
        return placed
    }

    /// Shows a placed text.
    func show(_ placed: Placed) {
        cairo_move_to(cr, placed.x, placed.y)
        pango_cairo_show_layout(cr, placed.layout)
    }

    // MARK: - Private

    private func layout(for item: Int) -> OpaquePointer {
        if let layout = layouts[item] { return layout }
        let layout = pango_cairo_create_layout(cr)!
        pango_cairo_context_set_resolution(pango_layout_get_context(layout), 72)
        pango_layout_context_changed(layout)
        layouts[item] = layout
        return layout
    }

    private func measure(_ layout: OpaquePointer, family: String, size: Double) -> (width: Double, height: Double) {
        pango_layout_set_font_description(layout, font(family, size))
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        let scale = Double(PANGO_SCALE)
        return (Double(logical.width) / scale, Double(logical.height) / scale)
    }

    private func font(_ family: String, _ size: Double) -> OpaquePointer {
        let name = "\(family) \(Self.points(size))"
        if let font = fonts[name] { return font }
        let font = pango_font_description_new()!
        pango_font_description_set_family(font, family)
        pango_font_description_set_absolute_size(font, size * Double(PANGO_SCALE))
        fonts[name] = font
        return font
    }

    /// `10`, `9.5`: sizes and lengths as written in form files.
    private static func points(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    private static func box(_ style: FormSpec.Text) -> String {
        [style.width, style.height].compactMap { $0.map(points) }.joined(separator: "×") + " mm"
    }

    /// Collects what cairo writes.
    private final class Sink {
        var bytes: [UInt8] = []

        static let write: cairo_write_func_t = { closure, data, length in
            guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
            let sink = Unmanaged<Sink>.fromOpaque(closure).takeUnretainedValue()
            sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
            return CAIRO_STATUS_SUCCESS
        }
    }
}
