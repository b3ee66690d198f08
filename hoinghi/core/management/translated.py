"""What the product's management commands share."""


class TranslatedHelp:
    """argparse takes no lazy text for a description: the help is translated when the parser is made."""

    def create_parser(self, prog_name, subcommand, **kwargs):
        parser = super().create_parser(prog_name, subcommand, **kwargs)
        parser.description = str(self.help)
        return parser
