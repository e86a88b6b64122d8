/**
 * A success message in a live region that is always on the page, so screen readers hear each
 * new message (a region that appears together with its text is often not read).
 */
export function LiveNotice({ message }: { message: string }) {
  return (
    <div role="status" className="sa-live">
      {message ? (
        <div className="notice notice--success">
          <div className="notice__body">{message}</div>
        </div>
      ) : null}
    </div>
  );
}
