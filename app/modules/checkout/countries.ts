/** Where we ship. ISO 3166-1 alpha-2 → name. */
export const COUNTRIES: Record<string, string> = {
  US: "United States", CA: "Canada", GB: "United Kingdom", IE: "Ireland", FR: "France", DE: "Germany",
  NL: "Netherlands", BE: "Belgium", ES: "Spain", IT: "Italy", PT: "Portugal", SE: "Sweden", DK: "Denmark",
  NO: "Norway", FI: "Finland", CH: "Switzerland", AT: "Austria", AU: "Australia", NZ: "New Zealand",
  JP: "Japan", SG: "Singapore", HK: "Hong Kong", AE: "United Arab Emirates", ZA: "South Africa",
  KE: "Kenya", NG: "Nigeria", GH: "Ghana", MX: "Mexico", BR: "Brazil",
};

export const US_STATES: Record<string, string> = {
  AL: "Alabama", AK: "Alaska", AZ: "Arizona", AR: "Arkansas", CA: "California", CO: "Colorado", CT: "Connecticut",
  DE: "Delaware", DC: "District of Columbia", FL: "Florida", GA: "Georgia", HI: "Hawaii", ID: "Idaho", IL: "Illinois",
  IN: "Indiana", IA: "Iowa", KS: "Kansas", KY: "Kentucky", LA: "Louisiana", ME: "Maine", MD: "Maryland",
  MA: "Massachusetts", MI: "Michigan", MN: "Minnesota", MS: "Mississippi", MO: "Missouri", MT: "Montana",
  NE: "Nebraska", NV: "Nevada", NH: "New Hampshire", NJ: "New Jersey", NM: "New Mexico", NY: "New York",
  NC: "North Carolina", ND: "North Dakota", OH: "Ohio", OK: "Oklahoma", OR: "Oregon", PA: "Pennsylvania",
  RI: "Rhode Island", SC: "South Carolina", SD: "South Dakota", TN: "Tennessee", TX: "Texas", UT: "Utah",
  VT: "Vermont", VA: "Virginia", WA: "Washington", WV: "West Virginia", WI: "Wisconsin", WY: "Wyoming",
};
