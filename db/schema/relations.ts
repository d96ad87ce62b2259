import { relations } from "drizzle-orm";
import { artisanSkills, artisans } from "./artisans";
import { collectionProducts, collections, productImages, productSkills, products, skills, variants } from "./catalog";
import { allocations, cartLines, carts, orderLines, orders } from "./commerce";
import { productionEvents, productionRequests } from "./factory";
import { inventoryLevels, locations } from "./inventory";

export const productsRelations = relations(products, ({ many }) => ({
  variants: many(variants),
  images: many(productImages),
  skills: many(productSkills),
  collections: many(collectionProducts),
}));
export const variantsRelations = relations(variants, ({ one, many }) => ({
  product: one(products, { fields: [variants.productId], references: [products.id] }),
  levels: many(inventoryLevels),
}));
export const productImagesRelations = relations(productImages, ({ one }) => ({
  product: one(products, { fields: [productImages.productId], references: [products.id] }),
}));
export const productSkillsRelations = relations(productSkills, ({ one }) => ({
  product: one(products, { fields: [productSkills.productId], references: [products.id] }),
  skill: one(skills, { fields: [productSkills.skillId], references: [skills.id] }),
}));
export const collectionsRelations = relations(collections, ({ many }) => ({
  products: many(collectionProducts),
}));
export const collectionProductsRelations = relations(collectionProducts, ({ one }) => ({
  collection: one(collections, { fields: [collectionProducts.collectionId], references: [collections.id] }),
  product: one(products, { fields: [collectionProducts.productId], references: [products.id] }),
}));
export const artisansRelations = relations(artisans, ({ many }) => ({
  skills: many(artisanSkills),
  requests: many(productionRequests),
}));
export const artisanSkillsRelations = relations(artisanSkills, ({ one }) => ({
  artisan: one(artisans, { fields: [artisanSkills.artisanId], references: [artisans.id] }),
  skill: one(skills, { fields: [artisanSkills.skillId], references: [skills.id] }),
}));
export const inventoryLevelsRelations = relations(inventoryLevels, ({ one }) => ({
  variant: one(variants, { fields: [inventoryLevels.variantId], references: [variants.id] }),
  location: one(locations, { fields: [inventoryLevels.locationId], references: [locations.id] }),
}));
export const cartsRelations = relations(carts, ({ many }) => ({ lines: many(cartLines) }));
export const cartLinesRelations = relations(cartLines, ({ one }) => ({
  cart: one(carts, { fields: [cartLines.cartId], references: [carts.id] }),
  variant: one(variants, { fields: [cartLines.variantId], references: [variants.id] }),
}));
export const ordersRelations = relations(orders, ({ many }) => ({ lines: many(orderLines) }));
export const orderLinesRelations = relations(orderLines, ({ one, many }) => ({
  order: one(orders, { fields: [orderLines.orderId], references: [orders.id] }),
  variant: one(variants, { fields: [orderLines.variantId], references: [variants.id] }),
  allocations: many(allocations),
}));
export const allocationsRelations = relations(allocations, ({ one }) => ({
  line: one(orderLines, { fields: [allocations.orderLineId], references: [orderLines.id] }),
}));
export const productionRequestsRelations = relations(productionRequests, ({ one, many }) => ({
  artisan: one(artisans, { fields: [productionRequests.artisanId], references: [artisans.id] }),
  variant: one(variants, { fields: [productionRequests.variantId], references: [variants.id] }),
  events: many(productionEvents),
}));
export const productionEventsRelations = relations(productionEvents, ({ one }) => ({
  request: one(productionRequests, { fields: [productionEvents.requestId], references: [productionRequests.id] }),
}));
