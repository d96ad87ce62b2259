import { InfoPage } from "./InfoPage";

/** Ring sizes as we make them (US sizes), with their UK and EU names and the inside measurements. */
const RING_SIZES = [
  { us: "6", uk: "L½", eu: "52", diameter: 16.5, circumference: 51.9 },
  { us: "7", uk: "N½", eu: "54", diameter: 17.3, circumference: 54.4 },
  { us: "8", uk: "P½", eu: "57", diameter: 18.1, circumference: 57.0 },
  { us: "9", uk: "R½", eu: "59", diameter: 19.0, circumference: 59.5 },
];

const NECKLACE_LENGTHS = [
  { length: '16"', cm: 41, sits: "At the base of the neck, like a collar" },
  { length: '18"', cm: 46, sits: "Just below the collarbone: the most worn length" },
  { length: '20"', cm: 51, sits: "A few centimetres below the collarbone, over a neckline" },
];

const BRACELET_SIZES = [
  { size: "S/M", wrist: "14–16.5 cm (5½–6½ in)" },
  { size: "M/L", wrist: "16.5–19 cm (6½–7½ in)" },
];

/** The size guide: reachable from every size and length choice, and a plain page (no script needed). */
export function SizeGuide() {
  return (
    <InfoPage
      title="Size guide"
      lead="Every piece is made to order by hand, so choosing the right size the first time saves it a trip back to Kenya."
    >
      <section aria-labelledby="rings" className="info-section">
        <h2 id="rings">Rings</h2>
        <p>We make rings in US sizes. Find yours from a ring you already wear on the same finger, or from your finger itself.</p>
        <div className="table-scroll">
          <table className="info-table">
            <caption className="visually-hidden">Ring sizes</caption>
            <thead>
              <tr>
                <th scope="col">US &amp; Canada</th>
                <th scope="col">UK &amp; Australia</th>
                <th scope="col">EU</th>
                <th scope="col">Inside diameter</th>
                <th scope="col">Inside circumference</th>
              </tr>
            </thead>
            <tbody>
              {RING_SIZES.map((size) => (
                <tr key={size.us}>
                  <th scope="row">{size.us}</th>
                  <td>{size.uk}</td>
                  <td>{size.eu}</td>
                  <td>{size.diameter.toFixed(1)} mm</td>
                  <td>{size.circumference.toFixed(1)} mm</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <h3>Measure a ring you own</h3>
        <p>Lay it on a ruler and read the inside diameter, edge to edge, in millimetres. Pick the size with the nearest diameter.</p>
        <h3>Measure your finger</h3>
        <ol>
          <li>Wrap a strip of paper or string around the base of the finger, snug but not tight.</li>
          <li>Mark where it overlaps, lay it flat and measure to the mark in millimetres: that is the circumference.</li>
          <li>Pick the size with the nearest circumference. Between two sizes, or with larger knuckles, choose the larger.</li>
        </ol>
        <p>Horn and bone bands are wider than a thin metal band and feel snugger: between sizes, take the larger.</p>
      </section>

      <section aria-labelledby="necklaces" className="info-section">
        <h2 id="necklaces">Necklaces</h2>
        <div className="table-scroll">
          <table className="info-table">
            <caption className="visually-hidden">Necklace lengths</caption>
            <thead>
              <tr>
                <th scope="col">Length</th>
                <th scope="col">Centimetres</th>
                <th scope="col">Where it sits</th>
              </tr>
            </thead>
            <tbody>
              {NECKLACE_LENGTHS.map((row) => (
                <tr key={row.length}>
                  <th scope="row">{row.length}</th>
                  <td>{row.cm} cm</td>
                  <td>{row.sits}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>Lengths include the clasp. To check, drape a string around your neck at the length you like and measure it.</p>
      </section>

      <section aria-labelledby="bracelets" className="info-section">
        <h2 id="bracelets">Bracelets</h2>
        <div className="table-scroll">
          <table className="info-table">
            <caption className="visually-hidden">Bracelet sizes</caption>
            <thead>
              <tr>
                <th scope="col">Size</th>
                <th scope="col">Fits a wrist of</th>
              </tr>
            </thead>
            <tbody>
              {BRACELET_SIZES.map((row) => (
                <tr key={row.size}>
                  <th scope="row">{row.size}</th>
                  <td>{row.wrist}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p>Measure around the wrist bone with a soft tape or string. Cuffs open a little to slide on; bangles must pass over the hand.</p>
      </section>

      <section aria-labelledby="earrings" className="info-section">
        <h2 id="earrings">Earrings</h2>
        <p>Earrings come in one size. If a pair does not suit you, you can return it within 30 days of delivery.</p>
      </section>
    </InfoPage>
  );
}
