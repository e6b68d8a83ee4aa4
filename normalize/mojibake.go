package normalize

// Mojibake is the mojibake stage. It does nothing yet.
type Mojibake struct{}

// NewMojibake returns the mojibake stage for opts.
func NewMojibake(opts Options) (Stage, error) { return Mojibake{}, nil }

// Kind returns KindMojibake.
func (Mojibake) Kind() Kind { return KindMojibake }

// Edits returns no edits.
func (Mojibake) Edits(text string, doc *Doc) ([]Edit, []Finding) { return nil, nil }
