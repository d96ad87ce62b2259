/**
 * Places and names for the demo artisans. Coordinates are the settlements' approximate centres;
 * `hubKm` is the approximate road distance to the Nairobi hub (Industrial Area).
 */

export type NameGroup = "kikuyu" | "luo" | "luhya" | "kamba" | "kalenjin" | "coastal" | "kisii" | "maasai" | "meru";

export type Settlement = { name: string; lat: number; lng: number; hubKm: number };
export type County = {
  name: string;
  /** Share of the artisans who live here. */
  weight: number;
  groups: readonly (readonly [NameGroup, number])[];
  /** Share who prefer English in the app. */
  english: number;
  /** Craft tradition: nudges which skills artisans here have. */
  crafts: "metal-horn-bone" | "beads-glass" | "mixed";
  settlements: readonly Settlement[];
};

const everyone: readonly (readonly [NameGroup, number])[] = [
  ["kikuyu", 5], ["luo", 4], ["luhya", 4], ["kamba", 3], ["kalenjin", 1], ["coastal", 1], ["kisii", 1], ["meru", 1],
];

export const COUNTIES: readonly County[] = [
  {
    name: "Nairobi", weight: 40, groups: everyone, english: 0.4, crafts: "metal-horn-bone",
    settlements: [
      { name: "Kibera", lat: -1.3133, lng: 36.7876, hubKm: 9 },
      { name: "Mathare", lat: -1.2609, lng: 36.858, hubKm: 10 },
      { name: "Kawangware", lat: -1.2833, lng: 36.75, hubKm: 14 },
      { name: "Korogocho", lat: -1.2476, lng: 36.8876, hubKm: 13 },
      { name: "Mukuru kwa Njenga", lat: -1.316, lng: 36.889, hubKm: 6 },
      { name: "Kariobangi", lat: -1.256, lng: 36.885, hubKm: 12 },
      { name: "Dandora", lat: -1.251, lng: 36.9, hubKm: 14 },
      { name: "Kangemi", lat: -1.267, lng: 36.747, hubKm: 15 },
      { name: "Githurai", lat: -1.205, lng: 36.911, hubKm: 20 },
      { name: "Kayole", lat: -1.276, lng: 36.913, hubKm: 12 },
    ],
  },
  {
    name: "Kiambu", weight: 10, groups: [["kikuyu", 9], ["luhya", 1]], english: 0.25, crafts: "metal-horn-bone",
    settlements: [
      { name: "Thika", lat: -1.0333, lng: 37.0693, hubKm: 45 },
      { name: "Ruiru", lat: -1.1466, lng: 36.9609, hubKm: 27 },
      { name: "Kikuyu", lat: -1.2463, lng: 36.6629, hubKm: 24 },
      { name: "Limuru", lat: -1.1136, lng: 36.6428, hubKm: 38 },
      { name: "Githunguri", lat: -1.0575, lng: 36.7756, hubKm: 36 },
    ],
  },
  {
    name: "Machakos", weight: 6, groups: [["kamba", 9], ["kikuyu", 1]], english: 0.2, crafts: "mixed",
    settlements: [
      { name: "Machakos Town", lat: -1.5177, lng: 37.2634, hubKm: 64 },
      { name: "Athi River", lat: -1.456, lng: 36.978, hubKm: 30 },
      { name: "Kangundo", lat: -1.2986, lng: 37.3469, hubKm: 70 },
      { name: "Tala", lat: -1.2667, lng: 37.3167, hubKm: 62 },
    ],
  },
  {
    name: "Kajiado", weight: 5, groups: [["maasai", 5], ["kikuyu", 3], ["kamba", 2]], english: 0.25, crafts: "beads-glass",
    settlements: [
      { name: "Kitengela", lat: -1.4759, lng: 36.9601, hubKm: 33 },
      { name: "Ngong", lat: -1.3526, lng: 36.6556, hubKm: 27 },
      { name: "Kajiado Town", lat: -1.8524, lng: 36.7768, hubKm: 80 },
    ],
  },
  {
    name: "Kisumu", weight: 8, groups: [["luo", 9], ["luhya", 1]], english: 0.3, crafts: "mixed",
    settlements: [
      { name: "Nyalenda", lat: -0.113, lng: 34.77, hubKm: 348 },
      { name: "Obunga", lat: -0.089, lng: 34.78, hubKm: 346 },
      { name: "Manyatta", lat: -0.1, lng: 34.778, hubKm: 346 },
      { name: "Kondele", lat: -0.092, lng: 34.769, hubKm: 345 },
      { name: "Nyamasaria", lat: -0.113, lng: 34.813, hubKm: 342 },
    ],
  },
  {
    name: "Mombasa", weight: 7, groups: [["coastal", 8], ["luo", 1], ["kamba", 1]], english: 0.3, crafts: "beads-glass",
    settlements: [
      { name: "Kisauni", lat: -4.0, lng: 39.7167, hubKm: 488 },
      { name: "Likoni", lat: -4.0833, lng: 39.6667, hubKm: 490 },
      { name: "Bamburi", lat: -3.98, lng: 39.73, hubKm: 492 },
      { name: "Changamwe", lat: -4.0167, lng: 39.6333, hubKm: 480 },
    ],
  },
  {
    name: "Kilifi", weight: 5, groups: [["coastal", 10]], english: 0.15, crafts: "beads-glass",
    settlements: [
      { name: "Kilifi Town", lat: -3.6305, lng: 39.8499, hubKm: 545 },
      { name: "Malindi", lat: -3.2192, lng: 40.1169, hubKm: 600 },
      { name: "Mtwapa", lat: -3.95, lng: 39.74, hubKm: 505 },
      { name: "Watamu", lat: -3.3542, lng: 40.0247, hubKm: 585 },
    ],
  },
  {
    name: "Nakuru", weight: 5, groups: [["kikuyu", 5], ["kalenjin", 4], ["luo", 1]], english: 0.25, crafts: "mixed",
    settlements: [
      { name: "Kaptembwo", lat: -0.2968, lng: 36.039, hubKm: 162 },
      { name: "Rhonda", lat: -0.295, lng: 36.04, hubKm: 163 },
      { name: "Naivasha", lat: -0.7167, lng: 36.4333, hubKm: 92 },
      { name: "Gilgil", lat: -0.4992, lng: 36.3228, hubKm: 118 },
    ],
  },
  {
    name: "Kakamega", weight: 4, groups: [["luhya", 10]], english: 0.2, crafts: "mixed",
    settlements: [
      { name: "Kakamega Town", lat: -0.2827, lng: 34.7519, hubKm: 372 },
      { name: "Mumias", lat: 0.3333, lng: 34.4833, hubKm: 405 },
      { name: "Butere", lat: 0.2069, lng: 34.4908, hubKm: 398 },
    ],
  },
  {
    name: "Bungoma", weight: 2, groups: [["luhya", 10]], english: 0.15, crafts: "mixed",
    settlements: [
      { name: "Bungoma Town", lat: 0.5635, lng: 34.5606, hubKm: 412 },
      { name: "Webuye", lat: 0.6167, lng: 34.7667, hubKm: 390 },
    ],
  },
  {
    name: "Uasin Gishu", weight: 2, groups: [["kalenjin", 8], ["luhya", 2]], english: 0.25, crafts: "mixed",
    settlements: [
      { name: "Langas", lat: 0.492, lng: 35.27, hubKm: 312 },
      { name: "Huruma (Eldoret)", lat: 0.531, lng: 35.288, hubKm: 315 },
    ],
  },
  {
    name: "Kericho", weight: 1, groups: [["kalenjin", 10]], english: 0.2, crafts: "mixed",
    settlements: [{ name: "Kericho Town", lat: -0.3689, lng: 35.2863, hubKm: 258 }],
  },
  {
    name: "Kisii", weight: 2, groups: [["kisii", 10]], english: 0.2, crafts: "mixed",
    settlements: [
      { name: "Kisii Town", lat: -0.6817, lng: 34.7667, hubKm: 330 },
      { name: "Tabaka", lat: -0.7833, lng: 34.6667, hubKm: 345 },
    ],
  },
  {
    name: "Homa Bay", weight: 1, groups: [["luo", 10]], english: 0.2, crafts: "beads-glass",
    settlements: [{ name: "Homa Bay Town", lat: -0.5273, lng: 34.4571, hubKm: 410 }],
  },
  {
    name: "Murang'a", weight: 1, groups: [["kikuyu", 10]], english: 0.2, crafts: "metal-horn-bone",
    settlements: [{ name: "Murang'a Town", lat: -0.721, lng: 37.1526, hubKm: 85 }],
  },
  {
    name: "Nyeri", weight: 1, groups: [["kikuyu", 10]], english: 0.25, crafts: "metal-horn-bone",
    settlements: [{ name: "Nyeri Town", lat: -0.4201, lng: 36.9476, hubKm: 150 }],
  },
  {
    name: "Meru", weight: 1, groups: [["meru", 9], ["kikuyu", 1]], english: 0.2, crafts: "mixed",
    settlements: [{ name: "Meru Town", lat: 0.047, lng: 37.649, hubKm: 228 }],
  },
  {
    name: "Kitui", weight: 1, groups: [["kamba", 10]], english: 0.15, crafts: "beads-glass",
    settlements: [{ name: "Kitui Town", lat: -1.3667, lng: 38.0167, hubKm: 172 }],
  },
  {
    name: "Kwale", weight: 1, groups: [["coastal", 10]], english: 0.15, crafts: "beads-glass",
    settlements: [{ name: "Ukunda", lat: -4.287, lng: 39.566, hubKm: 512 }],
  },
  {
    name: "Lamu", weight: 1, groups: [["coastal", 10]], english: 0.1, crafts: "beads-glass",
    settlements: [{ name: "Lamu Island", lat: -2.2717, lng: 40.902, hubKm: 720 }],
  },
];

/** Given names in common use across Kenya (many Kenyans carry one of these and a home-language name). */
export const COMMON_FEMALE = [
  "Grace", "Mary", "Faith", "Esther", "Jane", "Lucy", "Ann", "Mercy", "Purity", "Caroline", "Beatrice", "Eunice",
  "Naomi", "Ruth", "Joyce", "Agnes", "Lilian", "Winnie", "Diana", "Sharon", "Brenda", "Cynthia", "Irene", "Rose",
  "Elizabeth", "Margaret", "Alice", "Jacinta", "Veronica", "Susan", "Hellen", "Dorcas", "Everlyne", "Tabitha",
] as const;
export const COMMON_MALE = [
  "Joseph", "Peter", "John", "James", "Daniel", "Samuel", "Stephen", "David", "Paul", "Kennedy", "Brian", "Dennis",
  "Collins", "Victor", "George", "Francis", "Patrick", "Michael", "Isaac", "Moses", "Charles", "Evans", "Felix",
] as const;

export const NAME_GROUPS: Record<NameGroup, { female: readonly string[]; male: readonly string[]; surnames: readonly string[] }> = {
  kikuyu: {
    female: ["Wanjiru", "Wambui", "Njeri", "Wairimu", "Nyambura", "Wanjiku", "Muthoni", "Gathoni", "Nduta", "Wangui", "Wangari", "Nyokabi", "Waithera", "Wacera"],
    male: ["Kamau", "Njoroge", "Mwangi", "Kariuki", "Githinji", "Waweru", "Kimani", "Macharia", "Ndungu", "Gitau"],
    surnames: ["Kamau", "Njoroge", "Mwangi", "Kariuki", "Githinji", "Waweru", "Kimani", "Macharia", "Ndungu", "Gitau", "Mbugua", "Karanja", "Muriuki", "Njuguna", "Kinyua", "Wainaina", "Maina", "Ngugi", "Wachira", "Gachanja", "Mahugu", "Kiarie", "Muchiri", "Nderitu"],
  },
  luo: {
    female: ["Achieng", "Akinyi", "Atieno", "Adhiambo", "Awuor", "Anyango", "Apiyo", "Awino", "Akoth", "Auma", "Aoko", "Amondi"],
    male: ["Otieno", "Odhiambo", "Ochieng", "Omondi", "Onyango", "Owino", "Okoth", "Ouma", "Oduor"],
    surnames: ["Otieno", "Odhiambo", "Ochieng", "Omondi", "Onyango", "Okoth", "Owino", "Oduor", "Ouma", "Okello", "Oloo", "Ogola", "Opiyo", "Nyong'o", "Odera", "Ogutu", "Onyango", "Ojwang", "Obura", "Adongo"],
  },
  luhya: {
    female: ["Nafula", "Nekesa", "Nasimiyu", "Naliaka", "Nanjala", "Khavere", "Ayuma", "Mmbone", "Nangila", "Anyona"],
    male: ["Wafula", "Wekesa", "Barasa", "Simiyu", "Wanyama", "Khisa", "Wanjala", "Masinde"],
    surnames: ["Wafula", "Wekesa", "Barasa", "Simiyu", "Wanyama", "Makokha", "Shikuku", "Mukhwana", "Wanjala", "Khaemba", "Masinde", "Were", "Ambani", "Shitanda", "Mulama", "Namwamba", "Okwemba", "Lukalo"],
  },
  kamba: {
    female: ["Mwende", "Ndinda", "Mumbua", "Kanini", "Mwikali", "Syokau", "Nduku", "Mueni", "Kalondu", "Ndunge"],
    male: ["Mutua", "Musyoka", "Kioko", "Mutiso", "Kyalo", "Nzioka", "Muli"],
    surnames: ["Mutua", "Musyoka", "Kioko", "Mutiso", "Nzioka", "Muli", "Kyalo", "Wambua", "Mwololo", "Kilonzo", "Ndolo", "Mule", "Muthama", "Kimeu", "Nzomo", "Mbithi"],
  },
  kalenjin: {
    female: ["Chebet", "Jepkosgei", "Jeptoo", "Chepkoech", "Cherono", "Jerotich", "Chepngetich", "Jepchirchir", "Chelangat"],
    male: ["Kiprono", "Kipchumba", "Kibet", "Kiplagat", "Kipkemboi", "Kiprotich"],
    surnames: ["Kiprono", "Kipchumba", "Kibet", "Cheruiyot", "Rotich", "Koech", "Langat", "Kirui", "Mutai", "Kosgei", "Tanui", "Bett", "Sang", "Keter", "Kemboi"],
  },
  coastal: {
    female: ["Amina", "Fatuma", "Mwanajuma", "Zawadi", "Rehema", "Halima", "Saida", "Mwanaisha", "Kadzo", "Dama", "Sidi", "Mapenzi", "Riziki", "Zuhura", "Kache"],
    male: ["Hamisi", "Juma", "Bakari", "Omari", "Said", "Salim", "Kahindi", "Kazungu", "Katana", "Baraka"],
    surnames: ["Hamisi", "Juma", "Bakari", "Omar", "Said", "Salim", "Mohamed", "Kahindi", "Kazungu", "Katana", "Charo", "Baya", "Karisa", "Nyale", "Chengo", "Mwamburi", "Shauri", "Athumani"],
  },
  kisii: {
    female: ["Moraa", "Kerubo", "Nyaboke", "Kwamboka", "Bosibori", "Nyanchama", "Kemunto", "Gesare"],
    male: ["Onyancha", "Nyakundi", "Ombati", "Mogaka", "Ondieki"],
    surnames: ["Onyancha", "Nyakundi", "Ombati", "Mogaka", "Ondieki", "Momanyi", "Nyamweya", "Matara", "Omwenga", "Ogeto"],
  },
  maasai: {
    female: ["Naserian", "Nashipae", "Resian", "Sein", "Naisula", "Nalangu", "Soila", "Nkirote"],
    male: ["Lemayian", "Sankale", "Saitoti", "Parsimei"],
    surnames: ["Sankale", "Leshan", "Koikai", "Lemayian", "Parsimei", "Saitoti", "Kisemei", "Ntimama", "Tompo", "Meikuaya"],
  },
  meru: {
    female: ["Kendi", "Nkatha", "Makena", "Gatwiri", "Kawira", "Karimi", "Mukami", "Nkirote"],
    male: ["Mutuma", "Murithi", "Kirimi", "Mwiti"],
    surnames: ["Mutuma", "Murithi", "Kirimi", "Mwiti", "Kaberia", "Gitonga", "Mbaabu", "Kinoti", "Mugambi"],
  },
};
