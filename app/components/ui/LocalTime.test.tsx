import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { DateLocaleProvider, LocalTime } from "./LocalTime";

const AT = "2026-12-07T08:17:00.000Z";
/** The text a reader without JavaScript gets (the server's UTC), spaces as plain spaces. */
const text = (html: string) => html.replace(/<[^>]+>/g, "").replace(/\s/g, " ");

describe("LocalTime", () => {
  it("writes the moment in US English, in UTC, with the instant kept in dateTime", () => {
    const html = renderToString(<LocalTime iso={AT} />);
    expect(text(html)).toBe("Dec 7, 8:17 AM UTC");
    expect(html).toContain(`dateTime="${AT}"`);
  });

  it("writes it the way the nearest provider's locale does (a UK order's page)", () => {
    const options: Intl.DateTimeFormatOptions = { dateStyle: "long", timeStyle: "long" };
    const html = renderToString(
      <DateLocaleProvider value="en-GB">
        <LocalTime iso={AT} options={options} />
      </DateLocaleProvider>,
    );
    expect(text(html)).toBe("7 December 2026 at 08:17:00 UTC");
  });
});
