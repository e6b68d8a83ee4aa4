package normalize

// Script is the script stage. It does nothing yet.
type Script struct{}

// NewScript returns the script stage for opts.
func NewScript(opts Options) (Stage, error) { return Script{}, nil }

// Kind returns KindScript.
func (Script) Kind() Kind { return KindScript }

// Edits returns no edits.
func (Script) Edits(text string, doc *Doc) ([]Edit, []Finding) { return nil, nil }
