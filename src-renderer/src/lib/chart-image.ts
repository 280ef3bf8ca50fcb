// Turns a chart (an SVG on the page) into a PNG file's bytes: the SVG is drawn onto a canvas at twice its size,
// on the card's own background and under its title, so the picture reads the same outside the app.

/** A line of a legend drawn beside the chart: a colour swatch, a label and its figures. */
export interface LegendLine {
  color: string
  label: string
  figures: string
}

/** The PNG of one chart, base64-encoded (what files.writeImage takes), with its legend when it has one. */
export async function chartPng(
  svg: SVGSVGElement,
  title: string,
  legend: LegendLine[] = []
): Promise<string> {
  const box = svg.getBoundingClientRect()
  const width = Math.max(1, Math.round(box.width))
  const height = Math.max(1, Math.round(box.height))
  const style = getComputedStyle(svg)
  const clone = svg.cloneNode(true) as SVGSVGElement
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg')
  clone.setAttribute('width', String(width))
  clone.setAttribute('height', String(height))
  // Text in the SVG takes its font and colour from the page's CSS, which an image drawn on its own does not see.
  clone.setAttribute('font-family', style.fontFamily)
  clone.setAttribute('font-size', style.fontSize)
  clone.setAttribute('color', style.color)
  const source = new XMLSerializer().serializeToString(clone)
  const image = new Image()
  image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(source)}`
  await image.decode()

  const scale = 2
  const titleHeight = 28
  const legendWidth = legend.length ? 260 : 0
  const lineHeight = 20
  const fullWidth = width + 24 + legendWidth
  const fullHeight = Math.max(height, legend.length * lineHeight) + titleHeight + 16
  const canvas = document.createElement('canvas')
  canvas.width = fullWidth * scale
  canvas.height = fullHeight * scale
  const context = canvas.getContext('2d')
  if (!context) throw new Error('This window cannot draw images.')
  const page = getComputedStyle(document.documentElement)
  context.scale(scale, scale)
  context.fillStyle = page.getPropertyValue('--surface').trim() || '#ffffff'
  context.fillRect(0, 0, fullWidth, fullHeight)
  const ink = page.getPropertyValue('--text').trim() || style.color
  context.fillStyle = ink
  context.font = `600 14px ${style.fontFamily}`
  context.fillText(title, 12, 20)
  context.drawImage(image, 12, titleHeight, width, height)
  context.font = `13px ${style.fontFamily}`
  legend.forEach((line, i) => {
    const y = titleHeight + 14 + i * lineHeight
    context.fillStyle = line.color
    context.fillRect(width + 28, y - 9, 10, 10)
    context.fillStyle = ink
    context.fillText(line.label, width + 44, y)
    context.textAlign = 'right'
    context.fillText(line.figures, fullWidth - 12, y)
    context.textAlign = 'left'
  })
  return canvas.toDataURL('image/png').replace(/^data:image\/png;base64,/, '')
}
