import { useT } from "./use-t";

/**
 * The optional photo of finished work, in the artisan's language with no JavaScript. The browser's
 * own file button speaks the phone's interface language ("Choose File · No file chosen"), so it is
 * hidden (still focusable, still the labelled control) and our label is the button. Whether a photo
 * is chosen shows by CSS alone: the input is `required` only so that it matches :valid once it holds
 * a file; its form is `noValidate`, so an empty one still submits (the photo stays optional, as
 * its title says: "Photo (optional)").
 */
export function PhotoPicker({ id }: { id: string }) {
  const t = useT();
  return (
    <div className="aa-field aa-file">
      <span className="aa-label" id={`${id}-title`}>
        {t("work.photo")}
      </span>
      <input
        id={id}
        name="photo"
        type="file"
        accept="image/jpeg,image/png,image/webp"
        capture="environment"
        required
        aria-labelledby={`${id}-title ${id}-button`}
        aria-describedby={`${id}-hint`}
      />
      <label htmlFor={id} className="aa-button aa-button--quiet aa-file__button" id={`${id}-button`}>
        {t("work.photoChoose")}
      </label>
      <span className="aa-file__state aa-file__state--none">{t("work.photoNone")}</span>
      <span className="aa-file__state aa-file__state--chosen">{t("work.photoChosen")}</span>
      <span className="aa-hint" id={`${id}-hint`}>
        {t("work.photoHint")}
      </span>
    </div>
  );
}
