import CapacityAllocation

/// The provenance section every report ends with: every input file with its hash, and the
/// versions of ivp and GLPK, so a result can be traced to exactly what produced it.
enum ManifestSection {
    static func markdown(_ manifest: Manifest, _ text: Phrases) -> [String] {
        var out = ["## \(text.manifestTitle)", "", text.manifestIntro, ""]
        for input in manifest.inputs { out.append("- `\(input.path)` sha256 `\(input.sha256)`") }
        out.append("- ivp \(manifest.ivpVersion), GLPK \(manifest.glpkVersion)")
        return out
    }

    static func html(_ manifest: Manifest, _ text: Phrases) -> [String] {
        let esc = HTMLReport.esc
        var out = [#"<section id="manifest">"#, "<h2>\(esc(text.manifestTitle))</h2>", HTMLReport.paragraph(text.manifestIntro), "<ul>"]
        for input in manifest.inputs {
            out.append("<li><code>\(esc(input.path))</code> sha256 <code class=\"hash\">\(esc(input.sha256))</code></li>")
        }
        out += ["<li>ivp \(esc(manifest.ivpVersion)), GLPK \(esc(manifest.glpkVersion))</li>", "</ul>", "</section>"]
        return out
    }
}
