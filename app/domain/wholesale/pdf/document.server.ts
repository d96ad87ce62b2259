/** The wholesale PDFs draw with the shared PDF kit (letterhead, tables, streaming): ~/lib/pdf.server. */
export * from "~/lib/pdf.server";
