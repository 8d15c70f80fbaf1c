"""Text contrast as a reader sees it, measured in the page: each piece of text's colour laid over the
backgrounds under it (translucent ones blended, as the theme's are), against WCAG's 4.5:1 for text."""

from __future__ import annotations

AA_TEXT = 4.5

# For every element under `root` that holds text of its own: the text, and its contrast ratio.
_MEASURE = """root => {
  const rgba = (css) => {
    const [r, g, b, a = 1] = css.match(/[\\d.]+/g).map(Number);
    return [r, g, b, a];
  };
  const over = ([r, g, b, a], [R, G, B]) => [r * a + R * (1 - a), g * a + G * (1 - a), b * a + B * (1 - a)];
  const luminance = (rgb) => {
    const [r, g, b] = rgb.map((v) => (v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const under = (element) => {
    const layers = [];
    for (let e = element; e; e = e.parentElement) {
      const colour = rgba(getComputedStyle(e).backgroundColor);
      if (colour[3] > 0) layers.push(colour);
      if (colour[3] >= 1) break;
    }
    return layers.reverse().reduce((below, layer) => over(layer, below), [255, 255, 255]);
  };
  const own = (e) => [...e.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.data).join("").trim();
  return [...root.querySelectorAll("*")].filter((e) => own(e) && e.getClientRects().length).map((e) => {
    const background = under(e);
    const text = over(rgba(getComputedStyle(e).color), background);
    const [light, dark] = [luminance(text), luminance(background)].sort((a, b) => b - a);
    return [own(e), (light + 0.05) / (dark + 0.05)];
  });
}"""


def low_contrast(page, selector: str) -> list[str]:
    """'text: ratio' for each text under the element `selector` finds whose contrast is below AA."""
    measured = page.locator(selector).evaluate(_MEASURE)
    return [f"{text[:40]!r}: {ratio:.2f}" for text, ratio in measured if ratio < AA_TEXT]
