from graphrepo.cli import main

raise SystemExit(main())
