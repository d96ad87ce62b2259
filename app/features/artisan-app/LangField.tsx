import { useArtisanLang } from "./use-t";

/** The page's language, sent with a signed-out form (sign-in, PIN) so signing in keeps it (forms.formLanguage). */
export function LangField() {
  return <input type="hidden" name="lang" value={useArtisanLang()} />;
}
