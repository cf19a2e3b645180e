// SVG and PNG from an SVG element, without network: serialise it, and draw it as a data: image
// (our CSP allows data: images, not blob:) onto a canvas for PNG.

export function svgString(svg) {
  const copy = svg.cloneNode(true);
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  if (!copy.getAttribute("width")) copy.setAttribute("width", String(svg.clientWidth || svg.getBoundingClientRect().width));
  if (!copy.getAttribute("height")) copy.setAttribute("height", String(svg.clientHeight || svg.getBoundingClientRect().height));
  return new XMLSerializer().serializeToString(copy);
}

export function pngFromSvgString(text, width, height, scale = 2) {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => {
      const canvas = document.createElement("canvas");
      canvas.width = width * scale;
      canvas.height = height * scale;
      const context = canvas.getContext("2d");
      context.fillStyle = "#fff";
      context.fillRect(0, 0, canvas.width, canvas.height);
      context.drawImage(image, 0, 0, canvas.width, canvas.height);
      resolve(canvas.toDataURL("image/png"));
    };
    image.onerror = () => reject(new Error("the SVG did not load as an image"));
    image.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  });
}
