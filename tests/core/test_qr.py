from core.qr import qr_svg


def test_qr_svg_is_inline_svg_without_style_and_escapes_the_title():
    svg = str(qr_svg("https://strategi.example.dk/join/?code=ABC234", title="Kode <ABC234>"))

    assert svg.startswith('<svg role="img" viewBox=')
    assert "<title>Kode &lt;ABC234&gt;</title>" in svg
    assert "style" not in svg
