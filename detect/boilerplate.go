package detect

// BoilerplateRules is a set of rules that classify lines and phrases as
// scraper boilerplate.
type BoilerplateRules struct{}

// SiteModel holds line templates learned from pages of one site.
type SiteModel struct{}
