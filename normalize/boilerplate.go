package normalize

// Boilerplate is the boilerplate stage. It does nothing yet.
type Boilerplate struct{}

// NewBoilerplate returns the boilerplate stage for opts.
func NewBoilerplate(opts Options) (Stage, error) { return Boilerplate{}, nil }

// Kind returns KindBoilerplate.
func (Boilerplate) Kind() Kind { return KindBoilerplate }

// Edits returns no edits.
func (Boilerplate) Edits(text string, doc *Doc) ([]Edit, []Finding) { return nil, nil }
