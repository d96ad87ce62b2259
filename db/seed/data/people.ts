/** Words for artisan bios and for the demo retailers and their buyers. */

export const CRAFT_PHRASE: Record<string, string> = {
  "brass-casting": "casting brass",
  "horn-carving": "carving horn",
  "bone-carving": "carving bone",
  beadwork: "beadwork",
  "glass-recycling": "making beads from old bottles",
  "wire-wrapping": "wire wrapping",
  polishing: "polishing and finishing",
};

export const LEARNED_FROM = [
  "my mother", "my grandmother", "my aunt", "my father", "an uncle", "a neighbour", "a women's group", "a youth group",
  "the artisans in my building", "a training at our church", "my older sister", "a friend from school",
] as const;

export const BIO_TEMPLATES = [
  "I learned {craft} from {teacher} in {settlement}. Now orders come to my phone and I can plan my week.",
  "I have been {craft} for {years} years. With steady orders I pay school fees for my {kids} children.",
  "My workshop is at home in {settlement}, so I can work and still look after my family.",
  "I started {craft} when I was {age}. I like making pieces that people wear far away, in America and London.",
  "{craftCap} is my trade and my pride. The best day is when a new design arrives and I get it right first time.",
  "I work with {count} other artisans in {settlement}. We share tools and teach the young ones {craft}.",
  "Before Soko I sold at the market on weekends only. Now I work every day, {craft} from my own bench.",
  "I am saving to buy a second set of tools so my son can join me in {craft}.",
  "Quality matters to me: every piece I send to the hub is one I would wear myself.",
  "I joined in {joinYear}. My earnings are steady now, and I have opened a savings account for my family.",
] as const;

export const BIO_EXTRAS = [
  "I love bold shapes.", "My favourite material is brass because it shines like the sun.", "On Sundays I sing in the choir.",
  "I am teaching my daughter the craft.", "I dream of opening a small shop.", "I am proud that my work is sold in stores overseas.",
  "Music on the radio keeps me company while I work.", "I am known in my area for clean, even finishing.",
  "I mentor new artisans who join from my area.", "I grow kale and maize on a small shamba too.",
] as const;

export const RETAILER_KINDS = [
  ["boutique", 74],
  ["department_store", 10],
  ["online", 8],
  ["museum_shop", 5],
  ["tv_shopping", 3],
] as const;

export const CITIES = [
  ["New York", "US"], ["Brooklyn", "US"], ["San Francisco", "US"], ["Oakland", "US"], ["Los Angeles", "US"], ["Portland", "US"],
  ["Seattle", "US"], ["Austin", "US"], ["Chicago", "US"], ["Denver", "US"], ["Boston", "US"], ["Minneapolis", "US"],
  ["Nashville", "US"], ["Atlanta", "US"], ["Philadelphia", "US"], ["Washington", "US"], ["San Diego", "US"], ["Asheville", "US"],
  ["Savannah", "US"], ["Santa Fe", "US"], ["Charleston", "US"], ["Miami", "US"], ["Honolulu", "US"], ["Boulder", "US"],
  ["London", "GB"], ["Bristol", "GB"], ["Manchester", "GB"], ["Edinburgh", "GB"], ["Brighton", "GB"], ["Leeds", "GB"], ["Bath", "GB"],
  ["Amsterdam", "NL"], ["Berlin", "DE"], ["Hamburg", "DE"], ["Copenhagen", "DK"], ["Stockholm", "SE"], ["Paris", "FR"],
  ["Lyon", "FR"], ["Antwerp", "BE"], ["Barcelona", "ES"], ["Milan", "IT"], ["Dublin", "IE"], ["Vienna", "AT"],
] as const;

export const BOUTIQUE_FIRST = [
  "Juniper", "Marigold", "Saltwater", "Hazel", "Kindred", "Olive", "Wren", "Fern", "Magpie", "Linden", "Clover", "Harbor",
  "Sable", "Indigo", "Poppy", "Cedar", "Willow", "Lark", "Birch", "Tansy", "Sorrel", "Ember", "Honey", "Quill", "Thistle",
  "Copper", "Meadow", "Atlas", "Ivy", "Rowan", "Maple", "Blue Door", "Little", "North", "Golden", "Wild", "Tide", "Canyon",
] as const;
export const BOUTIQUE_SECOND = [
  "& Gold", "& Pine", "Supply Co.", "Goods", "Row", "Market", "+ Ash", "House", "& Thread", "Studio", "General", "Collective",
  "Mercantile", "& Stone", "Trading", "Boutique", "Shop", "Atelier", "& Co.", "Provisions", "Emporium", "Loft", "Gallery", "Finds",
] as const;
export const DEPARTMENT_STORES = [
  "Hartwell & Co.", "Brightmore", "Ashby's", "Kensington House", "Lindqvist Varuhus", "Maison Delorme", "Caldwell's", "Wexford & Lane",
  "Beaumont Galleries", "Sterling Rowe", "Hollis & Grant", "Vandermeer", "The Emporium at Union", "Carrow's", "Aldridge Brothers",
  "Fairbanks & Moore", "Whitcombe", "Grand Arcade Stores", "Halvorsen", "Pemberton's", "Montclair & Hayes", "Oriel House",
] as const;
export const TV_SHOPPING = [
  "Daybreak Shopping Channel", "Crest Home Shopping", "ShopLive Network", "Evening Style TV", "Hearth & Home Network",
  "Brightside Shopping Live", "Sunday Market TV", "Style Hour Network", "Homeward Shopping", "Lumen Live Shopping",
  "Cornerstone Shopping TV", "Goldenhour Network",
] as const;
export const ONLINE = ["Goods That Matter", "Made Fair", "The Good Edit", "Common Thread Online", "Slow Style", "Worn Well", "Field & Hand", "Kind Market"] as const;
export const MUSEUM = ["Museum of Craft Shop", "Folk Art Museum Store", "Design Museum Shop", "Textile Museum Store", "Gallery of Makers Shop", "Modern Craft Center Store"] as const;

export const BUYER_FIRST = [
  "Emma", "Olivia", "Ava", "Sophia", "Mia", "Isabella", "Charlotte", "Amelia", "Harper", "Evelyn", "Chloe", "Grace", "Lily",
  "Zoe", "Nora", "Hannah", "Priya", "Aisha", "Mei", "Sofia", "Lucas", "Noah", "Liam", "Ethan", "Daniel", "Marcus", "Omar",
  "Jonas", "Léa", "Freya", "Ingrid", "Clara", "Giulia", "Lena", "Rosa", "Maya", "Elena", "Nina", "Camille", "Hugo",
] as const;
export const BUYER_LAST = [
  "Smith", "Johnson", "Garcia", "Brown", "Miller", "Davis", "Martinez", "Lopez", "Wilson", "Anderson", "Thomas", "Moore",
  "Lee", "Walker", "Hall", "Young", "Patel", "Nguyen", "Kim", "Chen", "Okafor", "Haddad", "Jensen", "Larsen", "Müller",
  "Schmidt", "Dubois", "Rossi", "Bianchi", "Novak", "O'Brien", "Murphy", "Evans", "Hughes", "de Vries", "Bakker",
] as const;
